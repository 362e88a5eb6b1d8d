import { DatabaseSearchIndex } from '#app/search/database_index'
import type { SearchIndex } from '#app/search/search_index'

/**
 * The search index behind `GET /search` and the command palette (app/search/search_index.ts).
 * The default keeps it in the application's database (SQLite FTS5, MariaDB/MySQL FULLTEXT).
 * An installation that outgrows it returns another implementation here — e.g. a class that
 * sends documents to Meilisearch and asks it with the scope as a filter (README, "Búsqueda").
 */
const searchConfig: { index: () => SearchIndex } = {
  index: () => new DatabaseSearchIndex(),
}

export default searchConfig
