// The published @btc-vision/unit-test-framework build imports its own modules without the ".js"
// extension (it is meant for tsx); plain Node resolves them with this hook.
import { registerHooks } from 'node:module';

registerHooks({
    resolve(specifier, context, next) {
        try {
            return next(specifier, context);
        } catch (e) {
            const relative = specifier.startsWith('./') || specifier.startsWith('../');
            if (!relative || specifier.endsWith('.js')) throw e;
            if (e.code === 'ERR_MODULE_NOT_FOUND') return next(`${specifier}.js`, context);
            if (e.code === 'ERR_UNSUPPORTED_DIR_IMPORT') return next(`${specifier}/index.js`, context);
            throw e;
        }
    },
});
