package io.kafkarestaurants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolesTest {

    @Test
    void defaultValueRunsAllThreeRoles() {
        assertThat(Roles.parse("api,transactions,email")).containsExactly("api", "transactions", "email");
        assertThat(Roles.parse(String.join(",", Roles.KNOWN))).isEqualTo(Roles.KNOWN);
    }

    @Test
    void singleRole() {
        assertThat(Roles.parse("transactions")).containsExactly("transactions");
    }

    @Test
    void rolesAreTrimmedAndEmptyEntriesSkipped() {
        assertThat(Roles.parse(" api , email ,, ")).containsExactly("api", "email");
    }

    @Test
    void repeatedRoleCountsOnce() {
        assertThat(Roles.parse("email,email")).containsExactly("email");
    }

    @ParameterizedTest
    @ValueSource(strings = { "api,billing", "API", "web", "api;email" })
    void unknownRoleFailsNamingTheProperty(String value) {
        assertThatThrownBy(() -> Roles.parse(value)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("restaurants.roles")
            .hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", ",", " , " })
    void noRoleFailsNamingTheProperty(String value) {
        assertThatThrownBy(() -> Roles.parse(value)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("restaurants.roles");
    }

}
