import { Job } from '@adonisjs/queue'
import { evaluateAlerts } from '../alerts/evaluate.js'

/** Hourly: the alert rules (each alert once per rule, subject and generation). */
class AlertRules extends Job<Record<string, never>> {
  static options = { maxRetries: 1 }

  async execute() {
    await evaluateAlerts()
  }
}

export { AlertRules as alertRules }
