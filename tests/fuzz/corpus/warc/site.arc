filedesc://site.arc 0.0.0.0 20240501100000 text/plain 65
1 0 Test
URL IP-address Archive-date Content-type Archive-length

http://votes.example/date 192.0.2.1 20240501100000 text/html 400
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Election date set</title></head><body><main>
<p>The electoral commission of Norland set the date of the general election for the first
Sunday of October, after weeks of talks between the governing party and the opposition.</p>
<p>Both sides said they would accept the commission's timetable and campaign rules.</p>
</main></body></html>

http://diario.example/protesta 192.0.2.2 20240328091500 text/html 650
HTTP/1.1 200 OK
Content-Type: text/html; charset=iso-8859-1

<html><head><title>Protesta en la capital</title></head><body>
<div id="menu"><a href="/">Inicio</a> | <a href="/mundo">Mundo</a></div>
<div class="story">
<p>Miles de estudiantes marcharon el miércoles por el centro de la capital para exigir más
presupuesto para la educación pública, según informó la policía.</p>
<p>El ministro de Educación dijo que recibirá a una delegación de los estudiantes la próxima
semana y que estudiará sus peticiones con atención.</p>
</div>
<div class="comments"><p>Muy buena nota, gracias por la información tan completa de hoy.</p></div>
</body></html>

