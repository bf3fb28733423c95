// Permission codes of the server's one table (src/core/access.cpp). The
// server sends the signed-in user's codes with the session; the web app only
// hides what the user could not use anyway, and the server still decides.

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'users.read'
  | 'users.write'
  | 'audit.read'
  | 'petitions.read'
  | 'petitions.register'
  | 'petitions.act'
  | 'petitions.inspect'
  | 'petitioners.reveal'
  | 'reception.read'
  | 'reception.manage'
