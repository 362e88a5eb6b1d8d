import env from '#start/env'

/**
 * Which modules this deployment can offer. Every folder under modules/ is a built-in module;
 * `packages` adds modules published as npm packages (their default export is a manifest, see
 * README "Adding a module"). Installing a module for an organization is done from the
 * "Módulos" admin page or `node ace module:install <name>`.
 */
const modulesConfig = {
  packages: (env.get('CARTERA_MODULE_PACKAGES') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
  disabled: [] as string[],
}

export default modulesConfig
