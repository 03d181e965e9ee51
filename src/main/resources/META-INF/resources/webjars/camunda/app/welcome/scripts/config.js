// Dayshift's Welcome page: Camunda's documented configuration of the app (this file replaces the webapp's own config.js).
// The header and the page title read "Dayshift Welcome"; the links below sit beside Cockpit, Tasklist and Admin.
export default {
  app: {
    name: 'Welcome',
    vendor: 'Dayshift'
  },
  links: [
    {
      label: 'Dayshift: where to go for what',
      href: '/',
      description: 'Start a runbook, decide, follow your runs, audit, operate, administer'
    },
    {
      label: 'My runs',
      href: '/audit?person=me',
      description: 'The runs you started: their progress and how they ended'
    },
    {
      label: 'Audit',
      href: '/audit',
      description: 'Every run you may read: its steps, decisions and evidence'
    }
  ]
};
