import { Exception } from '@adonisjs/core/exceptions'

/** Raised when the user lacks a permission; rendered as the 403 page. */
export class ForbiddenException extends Exception {
  static status = 403
  static code = 'E_FORBIDDEN'

  constructor(
    readonly permission?: string,
    message = 'Forbidden'
  ) {
    super(message, { status: 403, code: 'E_FORBIDDEN' })
  }
}
