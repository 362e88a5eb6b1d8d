/** One member of a public view, as the Analytics page lists it. */
export interface AnalyticsMember {
  /** Cube's member name, e.g. crm_pipeline.amount_minor (what a query names). */
  name: string
  /** The model's title (cube/schema YAML). */
  title: string
  type: string
  /** Money in the organization's currency, in minor units (divide by 100 to show). */
  money: boolean
}

/** A public view of the semantic layer. */
export interface AnalyticsView {
  name: string
  title: string
  measures: AnalyticsMember[]
  dimensions: AnalyticsMember[]
}

/** Props of analytics/views/index. */
export interface AnalyticsViewsPage {
  views: AnalyticsView[]
  /** Base URL for @cubejs-client/core's apiUrl. */
  apiUrl: string
}
