import { mount } from 'svelte';
import '../shared/theme.css';
import { registerCatalogues } from '../shared/i18n.ts';
import { COMMON } from '../shared/i18n/parts/common.ts';
import { EFORM } from '../shared/i18n/parts/eform.ts';
import { KIOSK } from '../shared/i18n/parts/kiosk.ts';
import App from './App.svelte';

// Only this app's texts (its screens, the dossier e-form): no other app's catalogue in its bundle.
registerCatalogues(COMMON, KIOSK, EFORM);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target });
