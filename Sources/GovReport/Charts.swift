/// Inline SVG charts drawn by hand (no script, no external resource). Labels are SVG
/// <text> through the one HTML escaper, so a site name cannot inject markup.
enum SVGChart {
    struct Segment {
        var value: Int
        var color: String
    }

    struct BarRow {
        var label: String
        var segments: [Segment]
        var total: Int { segments.reduce(0) { $0 + $1.value } }
    }

    static let font =
        "font-family=\"Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif\""

    /// Horizontal stacked bars, one row per label; the legend names the segment colours.
    static func horizontalBars(title: String, rows: [BarRow], legend: [(name: String, color: String)]) -> String {
        let width = 720, labelWidth = 210, barArea = 440, rowHeight = 26, top = 56
        let height = top + max(rows.count, 1) * rowHeight + 16
        let maxTotal = max(rows.map(\.total).max() ?? 0, 1)
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\" \(font) font-size=\"13\">\n"
        s += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>\n"
        s +=
            "<text x=\"\(width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(HTML.escape(title))</text>\n"
        var legendX = labelWidth
        for item in legend {
            s += "<rect x=\"\(legendX)\" y=\"30\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>"
            s += "<text x=\"\(legendX + 16)\" y=\"41\">\(HTML.escape(item.name))</text>\n"
            legendX += 16 + item.name.count * 14 + 16
        }
        if rows.isEmpty {
            s += "<text x=\"\(width / 2)\" y=\"\(top + 16)\" text-anchor=\"middle\" fill=\"#555\">无数据</text>\n"
        }
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            s +=
                "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(HTML.escape(shorten(row.label, to: 14)))</text>\n"
            var x = Double(labelWidth)
            for segment in row.segments where segment.value > 0 {
                let w = Double(segment.value) / Double(maxTotal) * Double(barArea)
                s +=
                    "<rect x=\"\(fmt(x))\" y=\"\(y + 5)\" width=\"\(fmt(max(w, 1)))\" height=\"\(rowHeight - 10)\" fill=\"\(segment.color)\"/>\n"
                x += w
            }
            s += "<text x=\"\(fmt(x + 6))\" y=\"\(y + 17)\">\(row.total)</text>\n"
        }
        s += "<line x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" y2=\"\(height - 16)\" stroke=\"#333\"/>\n"
        return s + "</svg>"
    }

    /// A line of values over labelled points (left to right), with the values printed.
    static func line(title: String, points: [(label: String, value: Int)], seriesName: String) -> String {
        let width = 720, height = 296, left = 56, right = 24, top = 66, bottom = 48
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = niceCeiling(points.map(\.value).max() ?? 0)
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\" \(font) font-size=\"12\">\n"
        s += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>\n"
        s +=
            "<text x=\"\(width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(HTML.escape(title))</text>\n"
        s +=
            "<rect x=\"\(left)\" y=\"34\" width=\"12\" height=\"3\" fill=\"#c62828\"/><text x=\"\(left + 16)\" y=\"40\">\(HTML.escape(seriesName))</text>\n"
        for tick in 0...4 {
            let value = maxValue * tick / 4
            let y = Double(top + plotH) - Double(plotH) * Double(tick) / 4
            s += "<line x1=\"\(left)\" y1=\"\(fmt(y))\" x2=\"\(width - right)\" y2=\"\(fmt(y))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(value)</text>\n"
        }
        s +=
            "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>\n"
        if points.isEmpty {
            s += "<text x=\"\(width / 2)\" y=\"\(top + plotH / 2)\" text-anchor=\"middle\" fill=\"#555\">无历史数据</text>\n"
            return s + "</svg>"
        }
        let step = points.count > 1 ? Double(plotW) / Double(points.count - 1) : 0
        let coords = points.enumerated().map { index, point -> (Double, Double) in
            let x = points.count > 1 ? Double(left) + step * Double(index) : Double(left + plotW / 2)
            let y = Double(top + plotH) - Double(point.value) / Double(max(maxValue, 1)) * Double(plotH)
            return (x, y)
        }
        s +=
            "<polyline fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\" points=\"\(coords.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))\"/>\n"
        for (index, point) in points.enumerated() {
            let (x, y) = coords[index]
            s += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3.5\" fill=\"#c62828\"/>"
            s += "<text x=\"\(fmt(x))\" y=\"\(fmt(y - 8))\" text-anchor=\"middle\">\(point.value)</text>"
            s +=
                "<text x=\"\(fmt(x))\" y=\"\(top + plotH + 18)\" text-anchor=\"middle\">\(HTML.escape(point.label))</text>\n"
        }
        return s + "</svg>"
    }

    static func shorten(_ text: String, to count: Int) -> String {
        let clean = TextCleaning.singleLine(text)
        return clean.count <= count ? clean : String(clean.prefix(count - 1)) + "…"
    }

    /// 0, 4, 8, … : a ceiling divisible by 4 so the four grid lines get whole numbers.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 0 else { return 4 }
        return (value + 3) / 4 * 4
    }

    static func fmt(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
