// Injected into the CommonJS bundles by scripts/build.mjs: `import.meta.url` (empty in CommonJS)
// becomes the bundle's own file URL, so that code can resolve packages from where it runs.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
