package dev.northstar.spi.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckDigitsTest {
    @Test
    void luhnAcceptsCardNumbersAndRefusesTheirNeighbours() {
        assertThat(CheckDigits.luhn("4111111111111111")).isTrue();
        assertThat(CheckDigits.luhn("5555555555554444")).isTrue();
        assertThat(CheckDigits.luhn("378282246310005")).isTrue();
        assertThat(CheckDigits.luhn("4111111111111112")).isFalse();
        assertThat(CheckDigits.luhn("4111 1111 1111 1111")).isFalse();
        assertThat(CheckDigits.luhn("")).isFalse();
        assertThat(CheckDigits.luhn("0")).isTrue();
    }
}
