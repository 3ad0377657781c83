package io.tributary.web.rewards;

import io.tributary.application.rewards.Trib;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.math.BigInteger;

/** Base units as people read them, for pages: {@code #{trib.format(b.posted())}} TRIB, {@code #{trib.formatEther(wei)}} ETH. */
@Named("trib")
@ApplicationScoped
public class TribFormat {

    public String format(BigInteger baseUnits) {
        return Trib.format(baseUnits);
    }

    public String formatEther(BigInteger wei) {
        return Trib.formatEther(wei);
    }
}
