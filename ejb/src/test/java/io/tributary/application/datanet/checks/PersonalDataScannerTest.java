package io.tributary.application.datanet.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataScannerTest {

    private final PersonalDataScanner scanner = new PersonalDataScanner();

    @ParameterizedTest(name = "{0} in \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "EMAIL       | Write to maria.lopez+datanet@uni-salamanca.es today   | maria.lopez+datanet@uni-salamanca.es",
                "PHONE       | Call +44 20 7946 0958 after noon                     | +44 20 7946 0958",
                "PHONE       | office: (415) 555-0132.                              | (415) 555-0132",
                "PHONE       | mobile 06 12 34 56 78 please                         | 06 12 34 56 78",
                "PHONE       | +33 6 12 34 56 78                                    | +33 6 12 34 56 78",
                "CARD_NUMBER | paid with 4111 1111 1111 1111 yesterday              | 4111 1111 1111 1111",
                "CARD_NUMBER | amex 3782-822463-10005                               | 3782-822463-10005",
                "CARD_NUMBER | 5555555555554444                                     | 5555555555554444",
                "NATIONAL_ID | SSN 536-22-1234 on file                              | 536-22-1234",
                "NATIONAL_ID | NI number AB 12 34 56 C                              | AB 12 34 56 C",
                "NATIONAL_ID | DNI 12345678Z                                        | 12345678Z",
                "NATIONAL_ID | NIE X1234567L                                        | X1234567L",
                "IBAN        | pay into GB82 WEST 1234 5698 7654 32 by Friday       | GB82 WEST 1234 5698 7654 32",
                "IBAN        | DE89370400440532013000                               | DE89370400440532013000",
            })
    void findsPersonalData(PersonalData.Kind kind, String text, String expected) {
        List<PersonalData> found = scanner.scan(text);

        assertThat(found).hasSize(1);
        PersonalData data = found.get(0);
        assertThat(data.kind()).isEqualTo(kind);
        assertThat(text.substring(data.start(), data.end())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Released on 2024-01-15 at 14:30:00",
                "Upgrade from 10.0.19045.2965 to 10.0.22631.3296",
                "Order ORD-2024-000123-77 shipped",
                "Tracking number 1Z999AA10123456784",
                "Invoice 4111 1111 1111 1112 is unpaid", // Luhn fails
                "Reference 1234567890123456", // no card issuer starts with 1
                "Population 8,336,817 in 2019; area 783.8 km2",
                "ISBN 978-3-16-148410-0",
                "SSN format 000-12-3456 is never issued, nor 666-12-3456 nor 912-34-5678",
                "Sample SSN 123-45-6789 from the docs",
                "Prefix GB 12 34 56 A is not a valid NINO, nor the example QQ 12 34 56 C",
                "DNI 12345678A has the wrong check letter",
                "IBAN GB82 WEST 1234 5698 7654 33 fails mod 97",
                "Call extension 4471 or room 12",
                "Coordinates 48.8566, 2.3522",
                "Between 1990-2020 the yield rose 3.5%",
                "user@localhost is not an address"
            })
    void ignoresNearMisses(String text) {
        assertThat(scanner.scan(text)).isEmpty();
    }

    @Test
    void masksAllButTheLastFourCharacters() {
        List<PersonalData> found = scanner.scan("card 4111-1111-1111-1111, mail ana@example.org");

        assertThat(found).extracting(PersonalData::masked).containsExactly("****-****-****-1111", "a***@example.org");
    }

    @Test
    void reportsEveryFindingInTextOrderWithoutOverlaps() {
        String text = "Jo (jo@example.com, +1 415 555 0132) paid with 4111111111111111 from DE89370400440532013000.";

        List<PersonalData> found = scanner.scan(text);

        assertThat(found)
                .extracting(PersonalData::kind)
                .containsExactly(
                        PersonalData.Kind.EMAIL,
                        PersonalData.Kind.PHONE,
                        PersonalData.Kind.CARD_NUMBER,
                        PersonalData.Kind.IBAN);
    }

    @Test
    void luhnAcceptsValidAndRejectsOneDigitOff() {
        assertThat(PersonalDataScanner.luhn("79927398713")).isTrue();
        assertThat(PersonalDataScanner.luhn("79927398710")).isFalse();
    }
}
