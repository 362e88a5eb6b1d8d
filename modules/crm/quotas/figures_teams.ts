import { quotaFigures } from './figures.js'

/** Equipo: each team's quota against what it won. */
export default quotaFigures(['team'])
