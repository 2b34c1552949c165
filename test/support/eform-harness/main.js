// Mounts the e-form harness for test/e2e/eform.test.ts (plain JS: the harness is built by Vite, not tsc).
import { mount } from 'svelte';
import '../../../renderer/shared/theme.css';
import { registerCatalogues } from '../../../renderer/shared/i18n.ts';
import { ALL_CATALOGUES } from '../../../renderer/shared/i18n/catalogues.ts';
import Harness from './Harness.svelte';

registerCatalogues(...ALL_CATALOGUES);

mount(Harness, { target: document.getElementById('app') });
