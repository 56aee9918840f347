# bench/plot.gp: the chart of bench/results.md, drawn by bench/run.sh:
#   gnuplot -e "datafile='bench/out/ratios.dat'; outfile='bench/chart.png'" bench/plot.gp
# Bars: the median ratio of time per operation to the native SQL's, per
# workload; whiskers: the smallest and largest over the repetitions.
if (!exists("datafile")) datafile = 'bench/out/ratios.dat'
if (!exists("outfile")) outfile = 'bench/chart.png'
set terminal pngcairo size 1200,600 font "sans,11" noenhanced
set output outfile
set title "relview benchmark: time per operation relative to the hand-written SQL (1 = native)"
set style data histogram
set style histogram errorbars gap 1 lw 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [0.5:*]
set ytics (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
set grid ytics
set ylabel "time / native time (log scale)"
set xlabel "workload (see bench/results.md)"
set key top left Left reverse
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb "#444444"
plot datafile using 2:3:4:xtic(1) title "relview" lc rgb "#1f77b4", \
     '' using 5:6:7 title "trigger view" lc rgb "#2ca02c", \
     '' using 8:9:10 title "SQLAlchemy ORM" lc rgb "#d62728"
