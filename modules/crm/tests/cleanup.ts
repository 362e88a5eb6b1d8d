// Moved to the kernel's test helpers (other modules' tests use it too).
export { removeOrganizations } from '#tests/helpers/cleanup'
