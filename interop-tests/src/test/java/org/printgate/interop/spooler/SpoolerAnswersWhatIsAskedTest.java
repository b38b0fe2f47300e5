package org.printgate.interop.spooler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.printgate.interop.peers.RequestedAttributesSuites;
import org.printgate.interop.peers.TestDocuments;

/**
 * The spooler's local printer answers Get-Printer-Attributes with what is asked, through the same
 * filter as the simulator: CUPS's get-printer-attributes-suite.test and ipp-2.1.test pass (the
 * local printers claim IPP/2.1: subscriptions with ippget and the operator operations) but for the
 * suite's self-contradiction {@link RequestedAttributesSuites} documents, and the answer to the
 * poll CUPS's ipp backend repeats all through a job is small.
 */
class SpoolerAnswersWhatIsAskedTest {
    @RegisterExtension
    static final SpoolerStack stack = SpoolerStack.demoPrintersAtSpeed(40);

    @Test
    void passesTheRequestedAttributesSuiteAndIpp21ButForTheSuitesSelfContradiction() {
        RequestedAttributesSuites.assertPassesIpp21ButForTheSuitesSelfContradiction(
                RequestedAttributesSuites.run(stack.queueUri("office-color"), TestDocuments.standard(), "document-letter.pdf"));
    }

    @Test
    void answersAStatePollWithTheStateAlone() {
        RequestedAttributesSuites.assertAnswersOnlyWhatIsAsked(stack.queueUri("office-color"));
    }
}
