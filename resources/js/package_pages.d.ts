/** Pages of the configured module packages, by module name (vite.config.ts). */
declare module 'virtual:cartera/package-pages' {
  const packagePages: Record<
    string,
    { prefix: string; pages: Record<string, () => Promise<unknown>> }
  >
  export default packagePages
}
