import { mount } from 'svelte';
import '../shared/theme.css';
import { registerCatalogues } from '../shared/i18n.ts';
import { COMMON } from '../shared/i18n/parts/common.ts';
import { DISPLAY } from '../shared/i18n/parts/display.ts';
import App from './App.svelte';

// Only this app's texts, Vietnamese and English (the screen shows both): no other app's catalogue in its bundle.
registerCatalogues(COMMON, DISPLAY);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
