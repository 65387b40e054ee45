// `node --import <this file> --test …`: lets node tests import the web kit's modules as pages do (`/kit/…`).
import { register } from 'node:module';

register('./kit-hooks.mjs', import.meta.url);
