package io.entrascim.sink;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** The mails the in-process SMTP server received, one entry per recipient. */
final class Mails {

    record Mail(String to, String from, String subject, String body) {
    }

    private Mails() {
    }

    static List<Mail> received() {
        return Arrays.stream(SinkTestBase.SMTP.getReceivedMessages()).map(Mails::of).toList();
    }

    private static Mail of(MimeMessage m) {
        try {
            return new Mail(Arrays.toString(m.getRecipients(Message.RecipientType.TO)), Arrays.toString(m.getFrom()),
                    m.getSubject(), GreenMailUtil.getBody(m));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
