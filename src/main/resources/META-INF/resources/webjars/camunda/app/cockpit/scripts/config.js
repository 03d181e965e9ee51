// Dayshift's Cockpit: Camunda's documented configuration of the app (this file replaces the webapp's own config.js).
// The header and the page title read "Dayshift Cockpit"; the logo and styles are in styles/user-styles.css.
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Dayshift'
  }
};
