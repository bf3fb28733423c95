// ECharts on a page, imported per component (DESIGN.md §4: the full build is
// too heavy for the phone pages): line, bar and pie charts with tooltip, grid,
// legend and title, on the canvas renderer.
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components'
import { init, use, type ComposeOption, type ECharts } from 'echarts/core'
import type {
  BarSeriesOption,
  LineSeriesOption,
  PieSeriesOption,
} from 'echarts/charts'
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
])

/** The chart options these components allow. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

/**
 * Draws `option` into `el` once mounted, redraws when it changes and follows
 * the window's size; disposes of the chart with the component.
 */
export function useChart(
  el: Ref<HTMLElement | undefined>,
  option: Ref<ChartOption>,
): void {
  let chart: ECharts | undefined
  const resize = (): void => chart?.resize()

  onMounted(() => {
    if (!el.value) return
    chart = init(el.value)
    chart.setOption(option.value)
    window.addEventListener('resize', resize)
  })
  watch(option, (value) => chart?.setOption(value, true), { deep: true })
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize)
    chart?.dispose()
  })
}
