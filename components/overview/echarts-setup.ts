/**
 * The part of Apache ECharts the overview uses, and nothing else: named imports in a static
 * module are what lets the bundler drop every other chart, component and renderer. (Dynamic
 * imports of `echarts/charts` and `echarts/components` take the whole namespaces: four
 * chunks, ~300 kB gzip.) Loaded only by ShiftChart, through a dynamic import of this file.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { init };
