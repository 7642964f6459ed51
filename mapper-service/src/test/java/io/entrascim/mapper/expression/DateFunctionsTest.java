package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DateFunctionsTest {

    @Test
    void cdateRendersUtcInEntraFormat() {
        assertThat(eval("CDate([StatusHireDate])", Map.of("StatusHireDate", "2020-03-16-07:00"))).isEqualTo("3/16/2020 7:00:00 AM");
        assertThat(eval("CDate(\"2021-06-30+08:00\")")).isEqualTo("6/29/2021 4:00:00 PM");
        assertThat(eval("CDate(\"2012-01-01T23:00:00Z\")")).isEqualTo("1/1/2012 11:00:00 PM");
        assertThat(eval("CDate([missing])")).isNull();
        assertThatThrownBy(() -> eval("CDate(\"not a date\")")).hasMessageContaining("CDate cannot read \"not a date\"");
    }

    @Test
    void nowIsUtcInEntraFormat() {
        assertThat(eval("Now()")).isEqualTo("8/6/2024 3:04:05 PM");
    }

    @Test
    void dateAddAddsIntervals() {
        assertThat(eval("DateAdd(\"d\", 7, CDate([StatusHireDate]))", Map.of("StatusHireDate", "2012-03-16-07:00")))
                .isEqualTo("3/23/2012 7:00:00 AM");
        assertThat(eval("DateAdd(\"yyyy\", -1, \"2020-02-29T00:00:00Z\")")).isEqualTo("2/28/2019 12:00:00 AM");
        assertThat(eval("DateAdd(\"m\", 1, \"2021-01-31T10:00:00Z\")")).isEqualTo("2/28/2021 10:00:00 AM");
        assertThat(eval("DateAdd(\"ww\", 2, \"2021-01-01T00:00:00Z\")")).isEqualTo("1/15/2021 12:00:00 AM");
        assertThat(eval("DateAdd(\"h\", -3, \"2021-01-01T01:00:00Z\")")).isEqualTo("12/31/2020 10:00:00 PM");
        assertThat(eval("DateAdd(\"n\", 90, \"2021-01-01T00:00:00Z\")")).isEqualTo("1/1/2021 1:30:00 AM");
        assertThat(eval("DateAdd(\"s\", 5, \"1/1/2021 11:59:58 PM\")")).isEqualTo("1/2/2021 12:00:03 AM");
        assertThatThrownBy(() -> eval("DateAdd(\"x\", 1, \"2021-01-01\")")).hasMessageContaining("interval");
    }

    @Test
    void dateDiffFollowsVbNet() {
        assertThat(eval("DateDiff(\"d\", \"2020-01-01T00:00:00Z\", \"2020-01-31T12:00:00Z\")")).isEqualTo(30L);
        assertThat(eval("DateDiff(\"d\", \"2020-01-31T12:00:00Z\", \"2020-01-01T00:00:00Z\")")).isEqualTo(-30L);
        assertThat(eval("DateDiff(\"h\", \"2020-01-01T00:00:00Z\", \"2020-01-01T05:59:59Z\")")).isEqualTo(5L);
        assertThat(eval("DateDiff(\"m\", \"2020-01-31T00:00:00Z\", \"2020-02-01T00:00:00Z\")")).isEqualTo(1L);
        assertThat(eval("DateDiff(\"yyyy\", \"2020-12-31T23:00:00Z\", \"2021-01-01T00:00:00Z\")")).isEqualTo(1L);
        assertThat(eval("DateDiff(\"ww\", \"2024-08-03T00:00:00Z\", \"2024-08-04T00:00:00Z\")")).as("crosses a Sunday").isEqualTo(1L);
        assertThat(eval("DateDiff(\"ww\", \"2024-08-03T00:00:00Z\", \"2024-08-18T00:00:00Z\")")).as("Sundays 4, 11 and 18 August").isEqualTo(3L);
        assertThat(eval("DateDiff(\"q\", \"2024-03-31T00:00:00Z\", \"2024-04-01T00:00:00Z\")")).isEqualTo(1L);
        assertThat(eval("DateDiff(\"w\", \"2024-08-03T00:00:00Z\", \"2024-08-04T00:00:00Z\")")).isEqualTo(0L);
        assertThat(eval("DateDiff(\"s\", \"2020-01-01T00:00:00Z\", \"2020-01-01T00:01:00Z\")")).isEqualTo(60L);
        assertThat(eval("DateDiff(\"d\", Now(), CDate([StatusHireDate]))", Map.of("StatusHireDate", "2024-08-16-00:00")))
                .isEqualTo(9L);
    }

    @Test
    void dateFromNumAndNumFromDateUseFiletime() {
        assertThat(eval("DateFromNum(129699324000000000)")).isEqualTo("1/1/2012 11:00:00 PM");
        assertThat(eval("NumFromDate(\"2012-01-01T23:00:00Z\")")).isEqualTo(129699324000000000L);
        assertThat(eval("DateFromNum([lastLogonTimestamp])")).isNull();
    }

    @Test
    void formatDateTimeUsesDotNetFormats() {
        assertThat(eval("FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")",
                Map.of("extensionAttribute1", "20150123105347.1Z"))).isEqualTo("2015-01-23");
        assertThat(eval("FormatDateTime(\"2020-03-16-07:00\", , \"yyyy-MM-ddzzz\", \"yyyy-MM-ddTHH:mm:ssK\")"))
                .isEqualTo("2020-03-16T07:00:00Z");
        assertThat(eval("FormatDateTime(\"3/16/2020 7:00:00 AM\", \"RoundtripKind\", \"M/d/yyyy h:mm:ss tt\", \"dd MMM yyyy HH:mm\")"))
                .isEqualTo("16 Mar 2020 07:00");
        assertThat(eval("FormatDateTime([missing], , \"yyyy\", \"yyyy\")")).isNull();
        assertThatThrownBy(() -> eval("FormatDateTime(\"2020\", , \"yyyyMMdd\", \"yyyy\")")).hasMessageContaining("cannot read");
    }
}
