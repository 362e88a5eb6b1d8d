import { Job } from '@adonisjs/queue'
import { sendDueReminders } from '../activities/reminders.js'
import { runRecurrences } from '../activities/recurrences.js'
import { runTaskRules } from '../activities/task_rules.js'

/** Every minute: the activity reminders whose time has come (each sent once). */
class ActivityReminders extends Job<Record<string, never>> {
  static options = { maxRetries: 1 }

  async execute() {
    await sendDueReminders()
  }
}

/** Every quarter hour: the next occurrence of recurring activities (never twice). */
class ActivityRecurrences extends Job<Record<string, never>> {
  static options = { maxRetries: 1 }

  async execute() {
    await runRecurrences()
  }
}

/** Every five minutes: the automatic task rules (each task once, by its rule key). */
class TaskRules extends Job<Record<string, never>> {
  static options = { maxRetries: 1 }

  async execute() {
    await runTaskRules()
  }
}

export {
  ActivityReminders as activityReminders,
  ActivityRecurrences as activityRecurrences,
  TaskRules as taskRules,
}
