/** The configured module packages' pages and lang files, by module name (vite.config.ts). */
declare module 'virtual:cartera/module-packages' {
  const modulePackages: Record<
    string,
    {
      prefix: string
      pages: Record<string, () => Promise<unknown>>
      /** `<lang folder>/<locale>.json` → its contents. */
      lang: Record<string, unknown>
    }
  >
  export default modulePackages
}
