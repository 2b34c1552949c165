import { mount } from 'svelte';
import '../shared/theme.css';
import { registerCatalogues } from '../shared/i18n.ts';
import { COMMON } from '../shared/i18n/parts/common.ts';
import { PROVINCE } from '../shared/i18n/parts/province.ts';
import App from './App.svelte';

// Only this app's texts: no terminal's catalogue in its bundle.
registerCatalogues(COMMON, PROVINCE);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
