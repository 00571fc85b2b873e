# The schema-6 release's history listed every figure with three decimals
# (250,500,000.000 kg); history now writes the decimals a figure has (250,500,000 kg,
# tf_format_milli), right-aligned in the same column. Applied to
# tests/store/schema6-outputs.txt (whose figures are all whole) before comparing.
s/( +)([0-9,]+)\.000 /\1    \2 /g
