import { mount } from 'svelte';
import '../shared/theme.css';
import { registerCatalogues } from '../shared/i18n.ts';
import { COMMON } from '../shared/i18n/parts/common.ts';
import { RATING } from '../shared/i18n/parts/rating.ts';
import App from './App.svelte';

// Only this app's texts (its screen): no other app's catalogue in its bundle.
registerCatalogues(COMMON, RATING);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
