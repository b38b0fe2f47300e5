package org.printgate.interop.sim;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.interop.peers.RequestedAttributesSuites;
import org.printgate.interop.peers.TestDocuments;

/**
 * A simulated printer answers Get-Printer-Attributes with what is asked, as the spooler's local
 * printers do: CUPS's get-printer-attributes-suite.test and ipp-2.1.test pass (the simulated
 * printers claim IPP/2.1: subscriptions with ippget and the operator operations) but for the
 * suite's self-contradiction {@link RequestedAttributesSuites} documents, and a poll's answer is small.
 */
class SimulatedPrinterAnswersWhatIsAskedTest {
    @RegisterExtension
    static final DemoPrinters demo = DemoPrinters.atSpeed(20);

    private URI officeColor() {
        return demo.simulator().ippUri(demo.printer("office-color"));
    }

    @Test
    void passesTheRequestedAttributesSuiteAndIpp21ButForTheSuitesSelfContradiction() {
        RequestedAttributesSuites.assertPassesIpp21ButForTheSuitesSelfContradiction(
                RequestedAttributesSuites.run(officeColor(), TestDocuments.standard(), "document-letter.pdf"));
    }

    @Test
    void answersAStatePollWithTheStateAlone() {
        RequestedAttributesSuites.assertAnswersOnlyWhatIsAsked(officeColor());
    }
}
