import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

// Only the pieces the app draws: bars (plain and stacked) and doughnuts, with legend and tooltips.
Chart.register(
  BarController,
  BarElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

Chart.defaults.font.family = "'Sarabun', sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1f2733';
Chart.defaults.maintainAspectRatio = false;
if (typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
  Chart.defaults.animation = false;
}

/** Series colours: the app's blues and the level colours of the badges. */
export const chartColors = {
  blue: ['#1a4f94', '#4f7fc0', '#8fb0dc', '#c9d9ef'],
  completed: '#1e6b34',
  inProgress: '#d99100',
  unable: '#b3261e',
  notReported: '#9aa3af',
  noPassedPlan: '#d5dae1',
  high: '#1e6b34',
  medium: '#d99100',
  low: '#b3261e',
  ordinance: '#8fb0dc',
  disbursed: '#1a4f94',
} as const;

/** Canvas text needs the web font loaded first, or it is drawn in a fallback face. */
export const fontsReady = (): Promise<void> =>
  typeof document !== 'undefined' && document.fonts
    ? document.fonts.load("14px 'Sarabun'").then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve();
