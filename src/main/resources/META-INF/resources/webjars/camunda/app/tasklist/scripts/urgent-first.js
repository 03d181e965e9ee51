// Dayshift's Tasklist lists tasks most urgent first, then the soonest due: the order of its shared filters (priority, then
// due date), which the engine applies before whatever the list asks. Tasklist keeps the list's own order in its address
// (?sorting=…, "Created" when absent) and shows it above the list; this script, loaded as one of Camunda's documented custom
// scripts (config.js, customScripts), gives an address without one the filters' order, so the header says what the list
// does. A person may still choose another order: an address that has one is left as it is.
const URGENT_FIRST = JSON.stringify([
  { sortBy: 'priority', sortOrder: 'desc' },
  { sortBy: 'dueDate', sortOrder: 'asc' }
]);

function urgentFirst() {
  const hash = window.location.hash || '#/';
  if (!hash.startsWith('#/') || hash.startsWith('#/login')) {
    return;
  }
  const at = hash.indexOf('?');
  const path = at < 0 ? hash : hash.substring(0, at);
  const query = new URLSearchParams(at < 0 ? '' : hash.substring(at + 1));
  if (query.has('sorting')) {
    return;
  }
  query.set('sorting', URGENT_FIRST);
  window.location.replace(path + '?' + query.toString());
}

urgentFirst();
window.addEventListener('hashchange', urgentFirst);
