"use client";

import { useEffect, useRef } from "react";

export type ChartBucket = { start: string; accepted: number; retried: number; attention: number };

/**
 * Write-backs per 15 minutes, stacked: accepted at the first try, accepted after retries,
 * needing attention. Apache ECharts (tree-shaken: bar chart, grid, tooltip, legend, aria,
 * SVG renderer) is loaded only here, by a dynamic import once the page has rendered, so no
 * other page carries it. The colours are Okabe and Ito's, told apart by colour-blind
 * readers too, and follow the page's light or dark scheme. Screen readers get the table
 * and summary the page renders beside it (the chart itself is aria-hidden).
 */
export function ShiftChart({
  buckets,
  names,
  timeZone,
  locale,
}: {
  buckets: ChartBucket[];
  names: { accepted: string; retried: string; attention: string };
  timeZone: string;
  locale: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let disposed = false;
    let dispose = () => {};
    const dark = window.matchMedia("(prefers-color-scheme: dark)");
    void (async () => {
      const { init } = await import("./echarts-setup");
      if (disposed) return;
      const chart = init(element, undefined, { renderer: "svg" });
      const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone });
      const draw = () => {
        const isDark = dark.matches || document.documentElement.classList.contains("dark");
        const text = isDark ? "#e2e8f0" : "#1e293b";
        const bar = (name: string, key: keyof Omit<ChartBucket, "start">, color: string) => ({
          name,
          type: "bar" as const,
          stack: "all",
          data: buckets.map((b) => b[key]),
          itemStyle: { color },
        });
        chart.setOption(
          {
            animation: false,
            textStyle: { color: text },
            legend: { textStyle: { color: text } },
            tooltip: { trigger: "axis" },
            grid: { left: 40, right: 16, top: 40, bottom: 32 },
            xAxis: {
              type: "category",
              data: buckets.map((b) => time.format(new Date(b.start))),
              axisLabel: { color: text },
            },
            yAxis: { type: "value", minInterval: 1, axisLabel: { color: text } },
            series: [
              bar(names.accepted, "accepted", "#009E73"),
              bar(names.retried, "retried", "#E69F00"),
              bar(names.attention, "attention", "#D55E00"),
            ],
          },
          true,
        );
      };
      draw();
      const resize = () => chart.resize();
      window.addEventListener("resize", resize);
      dark.addEventListener("change", draw);
      dispose = () => {
        window.removeEventListener("resize", resize);
        dark.removeEventListener("change", draw);
        chart.dispose();
      };
    })();
    return () => {
      disposed = true;
      dispose();
    };
  }, [buckets, names, timeZone, locale]);
  return <div ref={box} aria-hidden="true" className="h-72 w-full" data-testid="shift-chart" />;
}
