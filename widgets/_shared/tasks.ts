/**
 * Handing the thread back to the page between pieces of work (issue 18: no task over 50 ms): what
 * follows `await nextTask()` runs in a task of its own, after the browser has had the chance to
 * paint and to handle input. A timer, so a hidden tab's work slows down with its timers.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}
