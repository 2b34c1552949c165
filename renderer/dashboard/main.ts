import { mount } from 'svelte';
import '../shared/theme.css';
import { registerCatalogues } from '../shared/i18n.ts';
import { COMMON } from '../shared/i18n/parts/common.ts';
import { COUNTER } from '../shared/i18n/parts/counter.ts';
import { DASHBOARD } from '../shared/i18n/parts/dashboard.ts';
import { DISPLAY } from '../shared/i18n/parts/display.ts';
import App from './App.svelte';

// Only this app's texts (its cards, the counters' states and the display's figures it repeats): no other app's catalogue in its bundle.
registerCatalogues(COMMON, DASHBOARD, COUNTER, DISPLAY);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
