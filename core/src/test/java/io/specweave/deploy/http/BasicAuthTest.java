package io.specweave.deploy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BasicAuthTest {

    @Test
    void encodesUserAndPasswordAsRfc7617Does() {
        // the RFC's own example
        assertThat(BasicAuth.header("Aladdin", "open sesame")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        // UTF-8, as the RFC's charset="UTF-8" example
        assertThat(BasicAuth.header("test", "123£")).isEqualTo("Basic dGVzdDoxMjPCow==");
    }

    @Test
    void aUrlsUserInfoSplitsAtItsFirstColonAndAUserAloneHasAnEmptyPassword() {
        assertThat(BasicAuth.fromUserInfo("me:pa:ss")).isEqualTo(BasicAuth.header("me", "pa:ss"));
        assertThat(BasicAuth.fromUserInfo("me")).isEqualTo(BasicAuth.header("me", ""));
    }
}
