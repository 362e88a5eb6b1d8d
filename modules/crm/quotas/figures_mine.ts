import { quotaFigures } from './figures.js'

/** Personal: the signed-in rep's own quota. */
export default quotaFigures(['user'], { mine: true })
