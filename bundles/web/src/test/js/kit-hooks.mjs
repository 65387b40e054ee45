// Node module hooks for the engines' node tests: `/kit/<name>.js` (served by this bundle at run time, an
// external import in the engines' esbuild bundles) resolves to src/main/resources/kit/<name>.js, loaded as ES module.
const KIT = new URL('../../main/resources/kit/', import.meta.url);

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('/kit/') && /^\/kit\/[a-z-]+\.js$/.test(specifier)) {
    return { url: new URL(specifier.slice('/kit/'.length), KIT).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.startsWith(KIT.href)) {
    return { ...(await next(url, { ...context, format: 'module' })), format: 'module', shortCircuit: true };
  }
  return next(url, context);
}
