import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
// The page is served at /t/<token>; the token is the last path segment.
const token = decodeURIComponent(
  location.pathname
    .split('/')
    .filter((s) => s !== '')
    .at(-1) ?? '',
);
mount(App, { target, props: { token } });
