import { quotaFigures } from './figures.js'

/** Equipo: each rep's quota (in the user's scope) against what she won. */
export default quotaFigures(['user'])
