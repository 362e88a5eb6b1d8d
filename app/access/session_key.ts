/** Session value naming this browser session's row in `user_sessions`. */
export const SESSION_KEY = 'session_key'
