#!/usr/bin/env bash
# Regenerates the README's pictures of the report workbook: a page of the indicators sheet and the
# charts, as LibreOffice prints them. Needs `bash .ci/setup --dev` (LibreOffice, poppler-utils).
#   bash examples/report/render_images.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/.venv/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

treem generate --units sonha --seed 11 --out "$work/reg" >/dev/null
printf 'submitter,report,date\nphong_yte,bao_cao_6_thang,31/05/2024\n21292,bao_cao_6_thang,2024-05-30\n' >"$work/nop.csv"
treem report --children "$work/reg/children.csv" --incidents "$work/reg/incidents.csv" \
  --assessments tests/data/certify-assessments-2024.csv --submissions "$work/nop.csv" --rules son-ha-2024-overlay \
  --period 2024 --made-on 01/12/2024 --out "$work/bao-cao.xlsx" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/bao-cao.xlsx" >/dev/null 2>&1

# The first page that holds a sheet's own words.
page_with() {
  local pages
  pages=$(pdfinfo "$work/bao-cao.pdf" | awk '/^Pages:/ {print $2}')
  for ((p = 1; p <= pages; p++)); do
    local text
    text=$(pdftotext -f "$p" -l "$p" "$work/bao-cao.pdf" -)
    if [[ $text == *"$1"* ]]; then echo "$p"; return; fi
  done
  echo "no page holds '$1'" >&2
  exit 1
}
out=examples/report/images
mkdir -p "$out"
p=$(page_with "Chỉ tiêu thống kê trẻ em")
pdftoppm -png -r 70 -f "$p" -l "$p" -singlefile "$work/bao-cao.pdf" "$out/chi-tieu"
p=$(page_with "Giá trị được ẩn để trống")
pdftoppm -png -r 70 -f "$p" -l "$p" -singlefile "$work/bao-cao.pdf" "$out/bieu-do"
echo "wrote $out/chi-tieu.png and $out/bieu-do.png"
