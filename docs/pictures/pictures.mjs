// The pictures docs:pictures makes: the keys that reach each view, the text that says it is there,
// and the caption (alt text) the README and docs show with it.
const filter = (name) => [{ keys: ['/'], until: '/' }, { literal: name, until: name }, { keys: ['Enter'], until: `/${name}` }];

export const PICTURES = [
  {
    name: 'statefulset',
    size: [160, 45],
    steps: [...filter('session-cache'), { keys: ['Enter'], until: 'sts/session-cache' }],
    caption:
      'StatefulSets view: the list of the demo StatefulSets, then sts/session-cache: one tile per ordinal (0 ready in green, 1 crash-looping in red and marked as the ordinal start-up waits on, 2 missing), its claims under each tile, then its settings, pods and claims, volumes and events.',
  },
  {
    name: 'job',
    size: [160, 45],
    steps: [{ keys: ['2'], until: 'Jobs (' }, ...filter('render-frames'), { keys: ['Enter'], until: 'job/render-frames' }],
    caption: 'Jobs view: job/render-frames, an Indexed Job: gauges of its progress (succeeded, failed, active against completions) and of its retries against backoffLimit, its index grid, then its fields and pods.',
  },
  {
    name: 'cronjob',
    size: [160, 45],
    steps: [{ keys: ['3'], until: 'CronJobs (' }, ...filter('todo-db-backup'), { keys: ['Enter'], until: 'cronjob/todo-db-backup' }],
    caption: 'CronJobs view: cronjob/todo-db-backup: its kept runs as bars (height is duration, colour is outcome) beside its next runs, then its schedule in words, history with duration bars, and events.',
  },
  {
    name: 'timeline',
    size: [160, 45],
    steps: [{ keys: ['3'], until: 'CronJobs (' }, { keys: ['T'], until: 'schedule timeline' }],
    caption: 'CronJobs view with T: the schedule timeline of every CronJob over the next 24 hours, one dot per run, and a row counting the CronJobs that start together.',
  },
  {
    name: 'statefulset-80x24',
    size: [80, 24],
    steps: [...filter('orders-db'), { keys: ['Enter'], until: 'sts/orders-db' }],
    caption: 'At 80×24: the StatefulSets list and sts/orders-db, whose ordinal tiles and claims come first in the detail pane, before its text fields.',
  },
];
