#include "crashmail/crashmail_options.h"

#include <gtest/gtest.h>

#include "lib/util/usage_error.h"

namespace sn {
namespace {

CrashmailOptions parse(std::vector<std::string> args, std::string_view program = "/usr/bin/crashmail") {
  return parse_crashmail_options(program, args);
}

std::string error_of(std::vector<std::string> args, std::string_view program = "crashmail") {
  try {
    parse_crashmail_options(program, args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CrashmailOptions, SuperlanceCrashmailReading) {
  auto o = parse({"-p", "web", "--program=grp:worker", "-pdb", "-o", "[prod]", "-m", "ops@x.org, dev@x.org"});
  EXPECT_FALSE(o.batch);
  EXPECT_EQ(o.programs, (std::vector<std::string>{"web", "grp:worker", "db"}));
  EXPECT_FALSE(o.any);
  EXPECT_EQ(o.subject_prefix, "[prod]");
  EXPECT_EQ(o.to, (std::vector<std::string>{"ops@x.org", "dev@x.org"}));
  EXPECT_TRUE(o.use_sendmail);
  EXPECT_EQ(o.sendmail_command, "/usr/sbin/sendmail -t -i");
  o = parse({"-ah", "-s", "/usr/lib/sendmail -t", "--email", "a@b", "http://ignored.example/"});
  EXPECT_TRUE(o.any);
  EXPECT_TRUE(o.help);
  EXPECT_EQ(o.sendmail_command, "/usr/lib/sendmail -t");
  // both long forms that superlance 0.7 broke work here
  o = parse({"--optionalheader=P", "--sendmail_program=cat", "-m", "a@b"});
  EXPECT_EQ(o.subject_prefix, "P");
  EXPECT_EQ(o.sendmail_command, "cat");
}

TEST(CrashmailOptions, CrashmailOverSmtp) {
  auto o = parse({"-m", "a@b", "--smtp=mail.example.org:2525", "--starttls=try", "--from=robot@x.org", "--timeout=7",
                  "--retry=30", "--cafile=/etc/ca.pem"});
  EXPECT_FALSE(o.batch);
  EXPECT_FALSE(o.use_sendmail);
  EXPECT_EQ(o.smtp.host, "mail.example.org");
  EXPECT_EQ(o.smtp.port, 2525);
  EXPECT_EQ(o.smtp.security, SmtpSecurity::kStartTlsTry);
  EXPECT_EQ(o.from, "robot@x.org");
  EXPECT_EQ(o.smtp.timeout_seconds, 7);
  EXPECT_EQ(o.retry_seconds, 30);
  EXPECT_EQ(o.smtp.cafile, "/etc/ca.pem");
  EXPECT_EQ(smtp_url(o.smtp), "smtp://mail.example.org:2525");
  o = parse({"-m", "a@b", "--tls"});  // any SMTP option means SMTP, to localhost by default
  EXPECT_FALSE(o.use_sendmail);
  EXPECT_EQ(smtp_url(o.smtp), "smtp://localhost:25");
  EXPECT_EQ(o.smtp.security, SmtpSecurity::kStartTlsRequired);
}

TEST(CrashmailOptions, CrashmailbatchReadingByLongOptionOrName) {
  auto o = parse({"--toEmail=ops@x.org,dev@x.org", "--fromEmail=robot@x.org", "-p", "pw", "-s", "Crashes", "-H",
                  "smtp.x.org", "-e", "TICK_5", "-i", "0.5", "-u", "robot"});
  EXPECT_TRUE(o.batch);
  EXPECT_EQ(o.to.size(), 2u);
  EXPECT_EQ(o.smtp.password, "pw");
  EXPECT_EQ(o.subject.value(), "Crashes");
  EXPECT_EQ(o.smtp.host, "smtp.x.org");
  EXPECT_EQ(o.tick_event, "TICK_5");
  EXPECT_EQ(o.tick_seconds, 5);
  EXPECT_DOUBLE_EQ(o.interval_minutes, 0.5);
  EXPECT_EQ(o.smtp.user, "robot");
  EXPECT_FALSE(o.use_sendmail);
  o = parse({"-t", "a@b", "-f", "me@x.org", "-p", "secret"}, "/opt/bin/crashmailbatch");
  EXPECT_TRUE(o.batch);
  EXPECT_EQ(o.smtp.user, "me");  // the password alone logs in as the sender's local part (Minos)
  EXPECT_EQ(o.tick_event, "TICK_60");
  EXPECT_EQ(o.tick_seconds, 60);
  EXPECT_DOUBLE_EQ(o.interval_minutes, 1.0);
  EXPECT_FALSE(o.subject.has_value());
  for (const char* renamed : {"/usr/bin/sn-crashmailbatch", "/usr/bin/crashmailbatch-native"})
    EXPECT_TRUE(parse({"-t", "a@b", "-f", "me@x.org"}, renamed).batch) << renamed;
}

TEST(CrashmailOptions, MinosCrashmailbatch) {
  // Minos' template line, with its -l added.
  auto o = parse({"--toEmail=alert@example.com", "--fromEmail=robot@example.com", "--password=123456",
                  "--smtpHost=mail.example.com", "--tickEvent=TICK_5", "--interval=0.5", "-l", "9101"});
  EXPECT_TRUE(o.batch);
  EXPECT_EQ(o.minos_port, 9101);
  EXPECT_EQ(o.smtp.user, "robot");
  EXPECT_EQ(o.alert_config, "alert.cfg");
  o = parse({"-t", "a@b", "-f", "me@x.org", "--minos", "--alertConfig", "/etc/supervisor/alert.cfg"}, "crashmail");
  EXPECT_TRUE(o.batch);  // --minos selects the batch reading
  EXPECT_EQ(o.minos_port, 9001);
  EXPECT_EQ(o.alert_config, "/etc/supervisor/alert.cfg");
  EXPECT_FALSE(parse({"-t", "a@b", "-f", "me@x.org"}, "crashmailbatch").minos_port);
  EXPECT_EQ(error_of({"-t", "a@b", "-f", "me@x.org", "-l", "http"}, "crashmailbatch"),
            "-l: not a whole number from 1 to 65535: 'http'");
  EXPECT_EQ(error_of({"-t", "a@b", "-f", "me@x.org", "--alertConfig="}, "crashmailbatch"),
            "--alertConfig: empty file name");
}

TEST(CrashmailOptions, SmtpHostForms) {
  auto host = [](std::string value) {
    return smtp_url(parse({"--toEmail=a@b", "--fromEmail=c@d", "--smtpHost=" + value}).smtp);
  };
  EXPECT_EQ(host("127.0.0.1"), "smtp://127.0.0.1:25");
  EXPECT_EQ(host("127.0.0.1:2525"), "smtp://127.0.0.1:2525");
  EXPECT_EQ(host("[::1]:2525"), "smtp://[::1]:2525");
  EXPECT_EQ(host("::1"), "smtp://[::1]:25");
  EXPECT_EQ(host("smtps://mail.x.org"), "smtps://mail.x.org:465");
  EXPECT_EQ(host("smtp://mail.x.org:587/"), "smtp://mail.x.org:587");
  auto o = parse({"--toEmail=a@b", "--fromEmail=c@d", "--smtps", "--smtpPort=4650"});
  EXPECT_EQ(smtp_url(o.smtp), "smtps://localhost:4650");
}

TEST(CrashmailOptions, ErrorsNameTheOption) {
  EXPECT_EQ(error_of({"-a"}), "-m/--email is required: the address to alert");
  EXPECT_EQ(error_of({"--toEmail=a@b"}), "--fromEmail is required: the sender's address");
  EXPECT_EQ(error_of({"--fromEmail=a@b"}), "--toEmail is required: the addresses to alert");
  EXPECT_EQ(error_of({"-m", "a@b", "-z"}), "no such option: -z");
  EXPECT_EQ(error_of({"-m", "a@b", "--nope"}), "no such option: --nope");
  EXPECT_EQ(error_of({"-m"}), "-m requires a value");
  EXPECT_EQ(error_of({"-m", "a@b", "--any=yes"}), "--any takes no value");
  EXPECT_EQ(error_of({"-m", "a@b", "-s", "cat", "--smtp=h"}),
            "-s/--sendmail_program and SMTP options exclude each other: mail goes one way");
  EXPECT_EQ(error_of({"--toEmail=a@b", "--fromEmail=c@d", "-e", "TICK_7"}),
            "-e: supervisor sends TICK_5, TICK_60 or TICK_3600, not 'TICK_7'");
  EXPECT_EQ(error_of({"--toEmail=a@b", "--fromEmail=c@d", "-i", "0"}), "-i: not a positive number of minutes: '0'");
  EXPECT_EQ(error_of({"--toEmail=a@b", "--fromEmail=c@d", "-i", "nan"}), "-i: not a positive number of minutes: 'nan'");
  EXPECT_EQ(error_of({"-m", "a@b", "--smtp=h:70000"}), "--smtp: not a whole number from 1 to 65535: '70000'");
  EXPECT_EQ(error_of({"-m", "a@b", "--smtp=user@h"}), "--smtp: bad host 'user@h'");
  EXPECT_EQ(error_of({"-m", "a@b", "--starttls=maybe"}), "--starttls: expected no, try or required, got 'maybe'");
  EXPECT_EQ(error_of({"-m", "a@b", "--timeout=0"}), "--timeout: not a whole number from 1 to 3600: '0'");
  EXPECT_EQ(error_of({"-m", "<a@b>"}), "-m: not a mail address: '<a@b>'");
  EXPECT_EQ(error_of({"-m", "a@b", "--from=a@b,c@d"}), "--from: expected one mail address, got 'a@b,c@d'");
  EXPECT_EQ(error_of({"-m", "a@b", "one", "two"}), "unexpected argument 'one'");
  EXPECT_EQ(error_of({"-m", "a@b", "--interval=1"}),
            "-m is not an option of crashmailbatch's reading, chosen by --interval (use its long form)");
  EXPECT_EQ(error_of({"-m", "a@b"}, "crashmailbatch"),
            "-m is not an option of crashmailbatch's reading, chosen by the program's name (use its long form)");
  EXPECT_EQ(error_of({"--toEmail=a@b", "--fromEmail=c@d", "--sendmail_program=cat"}),
            "--sendmail_program cannot be used with crashmailbatch's options (they mail over SMTP)");
}

TEST(CrashmailOptions, UsageTextsNameTheirOptions) {
  EXPECT_NE(crashmail_usage(false).find("crashmail -m ADDR"), std::string::npos);
  EXPECT_NE(crashmail_usage(true).find("--toEmail"), std::string::npos);
}

}  // namespace
}  // namespace sn
