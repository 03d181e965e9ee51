// Dayshift's Tasklist: Camunda's documented configuration of the app (this file replaces the webapp's own config.js).
// The header and the page title read "Dayshift Tasklist"; the logo and styles are in styles/user-styles.css.
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Dayshift'
  },

  // The list most urgent first, then the soonest due, as the shared filters sort it (scripts/urgent-first.js).
  customScripts: ['scripts/urgent-first'],

  // Camunda's keyboard shortcuts, kept as the webapp ships them.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
