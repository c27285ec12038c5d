export { DailyTrafficChart } from "./daily-traffic-chart";
export { StorageChart } from "./storage-chart";
export { TopProjectsChart, type TTopProject } from "./top-projects-chart";
export type { TChartSeries, TDayPoint } from "./chart-frame";
export { seriesColor } from "./palette";
export { CountBarChart, type TCountBar } from "./count-bar-chart";
