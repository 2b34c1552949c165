// Mounts the e-form harness for test/e2e/eform.test.ts (plain JS: the harness is built by Vite, not tsc).
import { mount } from 'svelte';
import '../../../renderer/shared/theme.css';
import Harness from './Harness.svelte';

mount(Harness, { target: document.getElementById('app') });
