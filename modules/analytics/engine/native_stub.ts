/**
 * Cube's schema compiler asks its Rust module (@cubejs-backend/native) for a Jinja engine even
 * when every model file is plain YAML. The Rust module cannot be installed on every machine (see
 * README "Analytics (Cube)"), so the embedded layer hands the compiler this stand-in instead:
 * creating the engine works, rendering a template throws. Our models carry no Jinja and no
 * globals.py, so nothing is ever rendered; a model that needs one fails loudly at compile time.
 */
const NO_JINJA =
  'cube/schema uses Jinja or Python, which the embedded Cube does not support: write plain YAML'

export const nativeStub = {
  newJinjaEngine() {
    return {
      loadTemplate(): never {
        throw new Error(NO_JINJA)
      },
      renderTemplate(): never {
        throw new Error(NO_JINJA)
      },
    }
  },
  loadPythonContext(): never {
    throw new Error(NO_JINJA)
  },
}
