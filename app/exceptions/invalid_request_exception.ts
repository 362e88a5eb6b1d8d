import { Exception } from '@adonisjs/core/exceptions'

/**
 * A request body the app will not read: malformed or too deeply nested. Answered with a plain,
 * translated 400 (see the handler), never with the parser's own text.
 */
export class InvalidRequestException extends Exception {
  static status = 400
  static code = 'E_INVALID_REQUEST'

  constructor(message = 'Invalid request') {
    super(message, { status: 400, code: 'E_INVALID_REQUEST' })
  }
}
