import Organization from '#models/organization'

/** The organization named by slug, or the first one when no slug is given (CLI default). */
export async function organizationBySlug(slug?: string): Promise<Organization> {
  const org = slug ? await Organization.findBy('slug', slug) : await Organization.query().orderBy('id').first()
  if (!org) throw new Error(slug ? `No organization with slug "${slug}"` : 'No organization yet: run `npm run setup` first')
  return org
}
